"""XPath and JSONPath over response bodies, without Qt: the response filter and the
collection runner's assertions and captures both evaluate here.

    evaluate_xpath(body, "//atom:entry/atom:title")  -> QueryResult(values=(...), fragments=(...))
    evaluate_jsonpath(body, "$.items[?(@.id > 3)]")   -> QueryResult
    QueryError.message                                 -> what the user reads
"""

from ctct_desktop.core.query.jsonpath import evaluate_jsonpath
from ctct_desktop.core.query.result import MAX_QUERY_BYTES, QueryError, QueryResult, check_size, read_body
from ctct_desktop.core.query.xpath import ATOM, CTCT, PREDECLARED, evaluate_xpath

__all__ = ["ATOM", "CTCT", "MAX_QUERY_BYTES", "PREDECLARED", "QueryError", "QueryResult", "check_size",
           "evaluate_jsonpath", "evaluate_xpath", "read_body"]
