"""``mgscan diff``: compare two analyses of one cluster (findings and object inventory parity)."""
