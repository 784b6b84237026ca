"""evaluation/: datasets (paths passed in), metrics and the `docbot eval` run."""
