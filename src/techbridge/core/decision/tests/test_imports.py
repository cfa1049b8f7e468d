"""The decision core stays pure: importing it (and running the planner) loads no Django."""

import subprocess
import sys


def test_it_never_imports_django():
    code = (
        "import sys; from techbridge.core.decision import plan_sites; "
        "from techbridge.core.decision.sites_demo import demo_matrix; plan_sites(demo_matrix(), smaa_samples=10); "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
