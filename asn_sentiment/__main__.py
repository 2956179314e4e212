"""Allow ``python -m asn_sentiment``."""

from asn_sentiment.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
