# The pytest plugins of this project live in tests/; this file makes them apply to docs/ and README.md too.
pytest_plugins = ["tests.markdown_docs", "tests.quality.figures"]
