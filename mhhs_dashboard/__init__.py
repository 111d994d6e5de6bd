"""MHHS programme dashboard: DAG governance from Parquet extracts through DuckDB to Streamlit."""
