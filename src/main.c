#include "config.h"

#include <locale.h>

#include "pairoff/cli.h"
#include "pairoff/store.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	store_init();
	return cli_main(argc, argv);
}
