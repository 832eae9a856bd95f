/*
 * Temporary entry points for subcommands whose modules are being written.
 * Each module deletes its function here when it provides the real command.
 */
#include <stdio.h>

#include "cmd/cmd.h"
