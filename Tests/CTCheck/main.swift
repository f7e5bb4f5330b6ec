print("ct-check: not yet")
