"""The turn logic shared by the Rhino panel, the CLI and the benchmark. Standard library only."""
