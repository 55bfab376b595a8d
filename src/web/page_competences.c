/* page_competences.c - the competence pages. */
#include "web/pages.h"
