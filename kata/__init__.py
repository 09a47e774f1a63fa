"""Shared machinery of the kata repository: catalog, loader, validation, data and tooling."""
