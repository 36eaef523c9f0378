"""The read side: pure builders that turn domain data into report objects."""
