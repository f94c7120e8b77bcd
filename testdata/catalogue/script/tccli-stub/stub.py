"""A loopback stand-in for the TencentDB for PostgreSQL API, for the tccli end-to-end test.

stub.py DATA LOG: answers each call from DATA, a raw catalogue folder in the API form laid out as
`catalogue script` saves it (a DescribeDBVersions it lacks is an empty list, any other call it
lacks an API error), appends each request (action, region, version, params) to LOG as a JSON
line, and prints its port. It holds no credential and checks none. It ends when its standard
input is closed, or on SIGTERM (unblocked: a test runner may start it with signals blocked)."""
import http.server, json, os, signal, sys, threading

data, log_path = sys.argv[1], sys.argv[2]

def answer(action, params):
    st = params.get("StorageType", "PHYSICAL_LOCAL_SSD")
    region = params.pop("_region")
    if action == "DescribeRegions":
        path = "regions.json"
    elif action == "DescribeZones":
        path = f"{region}/zones.{st}.json"
    elif action == "DescribeDBVersions":
        path = f"{region}/versions.{st}.json"
    elif action == "DescribeClasses":
        path = f"{region}/classes/{params.get('Zone')}.{params.get('DBEngine')}.{params.get('DBMajorVersion')}.{st}.json"
    else:
        path = None
    full = os.path.join(data, path) if path else None
    if full and os.path.isfile(full):
        with open(full) as f:
            return json.load(f)
    if action == "DescribeDBVersions":
        return {"Response": {"TotalCount": 0, "VersionSet": [], "RequestId": "stub"}}
    return {"Response": {"Error": {"Code": "ResourceNotFound", "Message": f"no saved answer for {action} {path}"}, "RequestId": "stub"}}

class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        params = json.loads(body or b"{}")
        action = self.headers.get("X-TC-Action", "")
        region = self.headers.get("X-TC-Region", "")
        with open(log_path, "a") as log:
            log.write(json.dumps({"action": action, "region": region, "version": self.headers.get("X-TC-Version"), "params": params}, sort_keys=True) + "\n")
        params["_region"] = region
        out = json.dumps(answer(action, params)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)
    def log_message(self, *args):
        pass

signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

def watch_stdin():
    sys.stdin.buffer.read()
    os._exit(0)

threading.Thread(target=watch_stdin, daemon=True).start()
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
