"""Text to AST: the only package that imports lark."""
