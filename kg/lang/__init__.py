"""Language knowledge of the reader, one package per language (``en``)."""
