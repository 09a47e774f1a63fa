"""The reference answers, module for module with exercises/. Run `pytest --solutions`."""
