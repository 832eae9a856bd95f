/*
 * parley: the one binary. This file only dispatches to the subcommands;
 * each lives in src/cmd/ (or its module) and parses its own flags.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"serve", cmd_serve, "run the server (web UI, API, webhooks, workers)"},
    {"sim", cmd_sim, "run the WhatsApp Cloud API simulator"},
    {"admin", cmd_admin, "manage accounts, users and API tokens"},
    {"doctor", cmd_doctor, "check configuration, storage and integrations"},
    {"ai", cmd_ai, "train, evaluate and try the local AI models"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: parley <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'parley <command> --help' lists a command's options.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    fprintf(stderr, "parley: unknown command '%s' (see 'parley --help')\n",
            argv[1]);
    return 2;
}
