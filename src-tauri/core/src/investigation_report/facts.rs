//! The facts the store fills in under a report's sections (Swedish, a line each).
