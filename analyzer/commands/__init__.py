"""The ``mgscan`` commands, one module per command group (registered by ``analyzer.cli``)."""
