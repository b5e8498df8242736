"""The HTML pages: public search (`public`), sign-in and users (`account`), the case list and
case page (`casework`) and each step of a case (`steps`)."""
