/* STUB until the report reader's unit tests are written. */
int main(void) { return 77; }
