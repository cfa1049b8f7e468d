"""Settings for the test suite: the real settings, a throw-away data directory and a fast password hasher."""

import os
import tempfile

os.environ.setdefault("TECHBRIDGE_DATA_DIR", tempfile.mkdtemp(prefix="techbridge-test-"))

from techbridge.web.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
TECHBRIDGE_JOBS_BACKEND = os.environ.get("TECHBRIDGE_JOBS_BACKEND", "eager")  # jobs run inside job_submit
