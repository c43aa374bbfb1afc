"""The town's knowledge pack: format, loader/validator and search."""
