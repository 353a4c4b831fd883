"""warm-transfer: one AWS Lambda function per HTTP endpoint (see serverless.yml)."""

__version__ = "0.1.0"
