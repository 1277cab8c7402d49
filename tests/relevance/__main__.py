"""`python -m tests.relevance`: print the relevance metrics of every ranking configuration."""

from tests.relevance.run import main

main()
