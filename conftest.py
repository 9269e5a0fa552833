"""Test-session set-up shared by unit, notebook and browser tests.

Notebook kernels started by nbval inherit this environment, so quiz progress written while
the lessons and quizzes run goes to a throw-away store, never to the learner's own.
"""

import os
import tempfile

_SCRATCH = tempfile.mkdtemp(prefix="xbedu-tests-")
os.environ.setdefault("XBEDU_PROGRESS_DB", os.path.join(_SCRATCH, "progress.sqlite3"))
os.environ.setdefault("XBEDU_QUIZ_AUTOSOLVE", "1")
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
