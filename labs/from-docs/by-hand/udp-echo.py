# A UDP responder: answers every datagram on port 7001 with its hostname.
import os, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("", 7001))
while True:
    data, peer = s.recvfrom(99)
    s.sendto(os.uname()[1].encode(), peer)
