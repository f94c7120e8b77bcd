/* The floor for the benchmark: read each file's bytes and run libyaml's event parser over them
 * (JSON is YAML), doing nothing else. tcpglint cannot be faster than this on one thread.
 * Usage: floor FILE... (or a list of files on standard input with "-"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static size_t scan(const char *path, unsigned long long *bytes) {
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(n > 0 ? (size_t)n : 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    *bytes += got;
    yaml_parser_t p;
    yaml_event_t e;
    size_t events = 0;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, buf, got);
    for (;;) {
        if (!yaml_parser_parse(&p, &e)) break;
        int done = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
        events++;
        if (done) break;
    }
    yaml_parser_delete(&p);
    free(buf);
    return events;
}

int main(int argc, char **argv) {
    unsigned long long bytes = 0, events = 0, files = 0;
    char line[4096];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            while (fgets(line, sizeof line, stdin)) {
                line[strcspn(line, "\n")] = 0;
                events += scan(line, &bytes);
                files++;
            }
        } else {
            events += scan(argv[i], &bytes);
            files++;
        }
    }
    printf("%llu files, %llu bytes, %llu events\n", files, bytes, events);
    return 0;
}
