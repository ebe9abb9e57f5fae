"""Reads an Open311 GeoReport v2 answer in both formats as a client would (xml.etree, json) and checks that the
XML, mapped by the Spark convention the specification uses, equals the JSON. Prints {"ok": ..., ...} as JSON.
Usage: python3 open311_spark.py answer.xml answer.json"""
import json
import sys
import xml.etree.ElementTree as ET

LISTS = {"attributes", "values", "endpoints", "formats"}  # containers of one repeated element below the root


BOOLEANS = {"metadata", "variable", "required"}  # typed boolean by the specification's examples and JSON schemas
NUMBERS = {"order", "lat", "long"}


def scalar(tag, text, numbers):
    if text is None or text == "":
        return None
    if tag in BOOLEANS:
        if text not in ("true", "false"):
            raise ValueError(f"{tag} is {text!r}, not true/false")
        return text == "true"
    if tag in numbers:
        return float(text)
    return text


def spark(element, as_list, numbers):
    if as_list:
        return [spark(child, False, numbers) for child in element]
    if len(element) == 0:
        return scalar(element.tag, element.text, numbers)
    return {child.tag: spark(child, child.tag in LISTS, numbers) for child in element}


def norm(value):
    # Types must agree: a JSON "true" string or "30.1" string is not the XML's boolean or number.
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return [norm(v) for v in value]
    return {k: norm(v) for k, v in value.items()}


def main():
    with open(sys.argv[1], "rb") as f:
        raw = f.read()
    root = ET.fromstring(raw)
    with open(sys.argv[2], encoding="utf-8") as f:
        data = json.load(f)
    numbers = NUMBERS | ({"code"} if root.tag == "errors" else set())
    # The Spark convention: the root is dropped; a root of repeated items is an array, service_definition an object.
    mapped = spark(root, root.tag != "service_definition", numbers)
    ok = norm(mapped) == norm(data)
    print(json.dumps({"ok": ok, "root": root.tag, "items": sorted({c.tag for c in root}), "xml": mapped if not ok else None,
                      "json": data if not ok else None}, ensure_ascii=False))


main()
