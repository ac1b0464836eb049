"""The cooperation network as networkx graphs, its one filter and filter choices."""
