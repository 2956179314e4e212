"""asn-sentiment: how Indonesian civil-service reorganisation is received.

Read staff surveys and public comments, preprocess the Indonesian text, classify
sentiment and resistance/support themes, aggregate over time and draw the charts
and report that management reads.  The command-line interface (``asn-sentiment``)
is a thin layer over the functions re-exported here.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
