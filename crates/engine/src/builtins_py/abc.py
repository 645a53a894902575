"""abc stub"""
