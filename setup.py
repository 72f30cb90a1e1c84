"""Package discovery only (metadata lives in pyproject.toml).

`datasets/` is installed as `rhino_datasets`: a top-level `datasets` would shadow Hugging Face's
package, which mlx_lm's training imports.
"""
from setuptools import find_packages, setup

packages = find_packages(include=["rhino_plugin*", "rhino_headless*", "model_server*", "training*"])
packages += ["rhino_datasets"] + ["rhino_datasets." + p for p in find_packages("datasets")]

setup(packages=packages, package_dir={"rhino_datasets": "datasets"})
