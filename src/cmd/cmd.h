/*
 * The subcommands of the parley binary. Each takes argv with its own name
 * first and returns the process exit status: 0 success, 1 failure, 2 bad
 * usage.
 */
#ifndef PARLEY_CMD_H
#define PARLEY_CMD_H

int cmd_serve(int argc, char **argv);
int cmd_sim(int argc, char **argv);
int cmd_admin(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_ai(int argc, char **argv);

#endif
