print("rendement")
