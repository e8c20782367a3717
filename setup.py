"""Build the optional compiled kernels (``compare._speedups``, Cython).

Everything else is configured in ``pyproject.toml``. The extension is optional: if Cython is
missing or the C compiler fails, ``pip install`` still succeeds and :mod:`compare._accel` selects
the pure-Python kernels. ``MEDIA_COMPARE_NO_EXT=1`` at build time skips the extension.
"""

import os

from setuptools import Extension, setup


def _extensions() -> list:
    if os.environ.get("MEDIA_COMPARE_NO_EXT") == "1":
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:  # no Cython: pure-Python install
        return []
    ext = Extension("compare._speedups", ["src/compare/_speedups.pyx"])
    built = cythonize([ext], language_level=3, quiet=True)
    for e in built:
        e.optional = True  # a failed compile warns and installs without it (cythonize drops the flag)
    return built


setup(ext_modules=_extensions())
