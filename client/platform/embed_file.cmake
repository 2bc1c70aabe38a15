# cmake -DIN=file -DOUT=file.cpp -DNAME=symbol -P embed_file.cmake
# Writes `extern const unsigned char NAME[]; extern const unsigned NAME_size;` as a
# C++ source so binary assets (fonts) are compiled into the program.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR size "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," body "${hex}")
string(REGEX REPLACE "((0x..,){32})" "\\1\n" body "${body}")
file(WRITE ${OUT} "// generated from ${IN}\nextern const unsigned char ${NAME}[] = {\n${body}\n};\nextern const unsigned ${NAME}_size = ${size};\n")
