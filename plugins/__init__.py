"""Built-in plugins: checkers, fact loaders, reporters and the rule pack.

Each module is registered through this project's ``verify`` entry points,
exactly as a third-party plugin would be (see pyproject.toml).
"""
