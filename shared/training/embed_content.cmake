# cmake -DDIR=content_dir -DOUT=file.cpp -P embed_content.cmake
# Compiles every training content file (shared/training/content/*.json) into the
# core as text: {name, text} pairs read by training::content(), so lessons and
# cases work offline in the browser and on the server without a file system.
# (client/platform/embed_file.cmake embeds one binary asset per symbol; content
# is many small text files that the core lists, hence one table here.)
file(GLOB files RELATIVE ${DIR} ${DIR}/*.json)
list(SORT files)
set(body "")
foreach(f ${files})
  file(READ ${DIR}/${f} text)
  if(text MATCHES "\\)seimbang_json\"")
    message(FATAL_ERROR "${f} contains the raw-string delimiter")
  endif()
  string(APPEND body "    {\"${f}\", R\"seimbang_json(${text})seimbang_json\"},\n")
endforeach()
file(WRITE ${OUT}.tmp "// generated from shared/training/content by embed_content.cmake\n#include \"training/embedded.h\"\nnamespace seimbang::training {\nconst std::vector<EmbeddedFile>& embedded_files() {\n  static const std::vector<EmbeddedFile> f = {\n${body}  };\n  return f;\n}\n}  // namespace seimbang::training\n")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
