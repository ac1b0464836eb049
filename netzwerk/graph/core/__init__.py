"""The foundation: model, codec, validation, store access, named queries, errors."""
