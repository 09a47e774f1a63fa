"""Root conftest: loads the kata plugin (``--solutions``, stub reporting, progress table).

``pytester`` lets tests/test_plugin.py run small pytest sessions to check that reporting.
"""

pytest_plugins = ["kata.pytest_plugin", "pytester"]
