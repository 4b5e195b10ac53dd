"""The access matrix's rules: one module per app (``tests/access/<app label>.py``), walked by
``tests/test_access_matrix.py``. They live with the tests because their ``setup`` callables build test data."""
