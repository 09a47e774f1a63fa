"""The practice tool behind ``python -m kata``.

- ``cli``: argparse and one function per command;
- ``project``: the catalog's katas re-rooted, id and topic lookup, statements and hints;
- ``store``: the SQLite history (schema version, migrations, corrupt-file quarantine);
- ``scheduler``: spaced repetition (the rule is in its docstring);
- ``history``: status, best times and the next kata, from the store and the scheduler;
- ``runner``: the kata's tests in a subprocess with a hard timeout, and ``probe``, the
  pytest plugin it loads there (each test's outcome as it ends, the test that hung, and
  a watchdog that ends the run if the tool dies);
- ``session``: timed practice and interview sessions, and ``watch``;
- ``hints``, ``files`` (backups, atomic writes, the stub from git, the blind stub of
  ``kata.statement``), ``report`` (``progress`` and its chart), ``term`` (colour and
  layout).
"""
