"""The README's first session is the example script PythonSdkIT runs, word for word."""

import re
from pathlib import Path

SDK = Path(__file__).resolve().parent.parent


def test_the_readmes_first_session_is_the_example_script():
    readme = (SDK / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    assert blocks, "the README has no python block"
    assert blocks[0] == (SDK / "examples" / "first_session.py").read_text(encoding="utf-8")
