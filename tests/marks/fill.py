"""Fills a form written by `roadmap form` as a school would, with openpyxl:
python3 fill.py FORM.xlsx CELL=VALUE...  (VALUE: `date:2022-02-10` for a date
cell, `num:93` for a number, anything else as typed text). openpyxl does not
enforce drop-downs, date validation or sheet protection, so a test can type
what a careless person would get past them."""

import datetime
import sys

import openpyxl


def main():
    path, edits = sys.argv[1], sys.argv[2:]
    book = openpyxl.load_workbook(path)
    sheet = book["Отметки"]
    for edit in edits:
        cell, value = edit.split("=", 1)
        if value.startswith("date:"):
            sheet[cell] = datetime.datetime.strptime(value[5:], "%Y-%m-%d")
            sheet[cell].number_format = "DD.MM.YYYY"
        elif value.startswith("num:"):
            sheet[cell] = float(value[4:])
        else:
            sheet[cell] = value
    book.save(path)


if __name__ == "__main__":
    main()
