"""stappenplan: stappenplan na agressie tegen politieke ambtsdragers."""

__version__ = "0.2.0"
