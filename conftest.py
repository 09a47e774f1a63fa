"""Root conftest: loads the kata plugin (``--solutions``, stub reporting, progress table).

``pytester`` lets tests/test_plugin.py run small pytest sessions to check that reporting.
"""

import os

# The suite's arrays are small, so BLAS/OpenMP thread pools cost more than they save: on a
# busy 2-core machine a (100000, 2) @ (2, 8) product measured 15x slower with threads. Set
# before NumPy is first imported (by the plugin below); an explicit setting still wins.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

pytest_plugins = ["kata.pytest_plugin", "pytester"]
