"""Root conftest: loads the kata plugin (``--solutions``, stub reporting, progress table)."""

pytest_plugins = ["kata.pytest_plugin"]
