"""Running an instance: accounts, backup and restore, demo data, counts."""
