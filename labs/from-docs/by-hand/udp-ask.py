# Sends one datagram to HOST PORT and prints the answer, or "no answer" after 2 s.
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
s.sendto(b"?", (sys.argv[1], int(sys.argv[2])))
try:
    print(s.recvfrom(99)[0].decode())
except socket.timeout:
    print("no answer"); sys.exit(1)
