# Shared by the benchmarks: timing one command and the median of a column of numbers.
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
verdict() { (( $(echo "$1" | bc) )) && echo met || echo MISSED; }
