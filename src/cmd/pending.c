/*
 * Temporary entry points for subcommands whose modules are being written.
 * Each module deletes its line here when it provides the real command.
 */
#include <stdio.h>

#include "cmd/cmd.h"

int cmd_ai(int argc, char **argv)
{
    fprintf(stderr, "parley ai: not built yet\n");
    return 1;
}

int cmd_sim(int argc, char **argv)
{
    fprintf(stderr, "parley sim: not built yet\n");
    return 1;
}

int cmd_serve(int argc, char **argv)
{
    fprintf(stderr, "parley serve: not built yet\n");
    return 1;
}

int cmd_admin(int argc, char **argv)
{
    fprintf(stderr, "parley admin: not built yet\n");
    return 1;
}

int cmd_doctor(int argc, char **argv)
{
    fprintf(stderr, "parley doctor: not built yet\n");
    return 1;
}
