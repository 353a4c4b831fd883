"""Infrastructure: the table definition (CloudFormation) and the local stack."""
